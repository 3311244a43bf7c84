// A large round made in memory from the 2024 round: `lum` and `mul`
// applications with varied names, amounts and decisions, deterministic (no
// randomness) so failures reproduce. For tests of long tables and the bench.
import { checkRounds, type CheckedRound } from "../../src/pipeline/index.js";
import type { LumApplication, MulApplication, Round } from "../../src/schema/round.js";

const DISTRICTS = ["Farsta", "Järva", "Södermalm", "Hägersten-Älvsjö", "Enskede-Årsta-Vantör", "Hässelby-Vällingby", "Kungsholmen", "Norrmalm", "Skarpnäck", "Östermalm", "Bromma", "Spånga-Tensta", "Rinkeby-Kista", "Skärholmen"];
const TOPICS = ["Tidigt stöd till familjer", "Digital samverkan kring", "Förebyggande arbete med", "Stärkt klientcentrering för", "Samordnade insatser för", "Nya arbetssätt inom"];
const GROUPS = ["unga vuxna", "äldre med missbruk", "barn som anhöriga", "personer i hemlöshet", "familjehem och vårdnadshavare", "ekonomiskt bistånd och rehabiliteringsärenden"];
const PLACES = ["Göteborg", "Malmö", "Helsingfors", "Köpenhamn", "Oslo", "Gdańsk", "Tallinn", "Bryssel"];

export async function loadRound(file = "rounds/2024.yaml"): Promise<CheckedRound> {
  const { rounds, diagnostics } = await checkRounds([file]);
  // The checked-in rounds still have values marked PLATSHÅLLARE; anything else is a broken fixture.
  if (!rounds[0] || diagnostics.some((d) => d.code !== "platshallare")) throw new Error(`${file} did not validate`);
  return rounds[0];
}

export function syntheticRound(base: Round, lumCount: number, mulCount: number): Round {
  const lum: LumApplication[] = Array.from({ length: lumCount }, (_, i) => {
    const nr = i + 1;
    const sökt = 100_000 + ((i * 37_000) % 400_001);
    const kind = i % 5;
    return {
      nr,
      id: `projekt-${nr}`,
      förvaltning: DISTRICTS[i % DISTRICTS.length]!,
      projekt: `${TOPICS[i % TOPICS.length]} ${GROUPS[(i * 7) % GROUPS.length]}${i % 11 === 0 ? " – ett långsiktigt utvecklingsarbete med uppföljning och utvärdering i samverkan med forskningsmiljöer" : ""}`,
      projektår: 1 + (i % 3),
      sökt,
      beslut:
        kind === 0
          ? { utfall: "avslag", motivering: "bedöms inte uppfylla huvudkriteriet om nya arbetssätt/metoder." }
          : kind === 1
            ? { utfall: "delvis_bifall", belopp: Math.floor(sökt / 2_000) * 1_000, motivering: "bedöms kunna genomföras med en reducerad summa av ansökta medel." }
            : { utfall: "bifall" },
    };
  });
  const mul: MulApplication[] = Array.from({ length: mulCount }, (_, i) => ({
    nr: i + 1,
    id: `studiebesok-${i + 1}`,
    förvaltning: DISTRICTS[(i * 3) % DISTRICTS.length]!,
    resmål: PLACES[i % PLACES.length]!,
    syfte: "Verksamhetsbesök",
    sökt: 10_000 + ((i * 1_300) % 15_001),
    beslut: { utfall: "bifall" },
  }));
  return { ...base, lum, mul };
}
