// The register of the city's förvaltningar and nämnder (data/forvaltningar.yaml).
// Applicants in a round file are matched through it: an alias or a spelling
// without accents is the same förvaltning, an unknown name is an error with
// the nearest names, and the per-förvaltning limits and the counts in the
// documents use the register's identity (its short name), never the text as
// typed. A new förvaltning is one line of data.
import { join } from "node:path";
import { closest, distance } from "fastest-levenshtein";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { readProjectTextSync } from "../files/read-project-file.js";
import { PROJECT_ROOT } from "../project-root.js";

export const REGISTER_FILE = join(PROJECT_ROOT, "data", "forvaltningar.yaml");

export const kinds = ["stadsdelsförvaltning", "fackförvaltning"] as const;
export type Kind = (typeof kinds)[number];

const entrySchema = z.strictObject({
  namn: z.string().min(1),
  typ: z.enum(kinds),
  förvaltning: z.string().min(1),
  nämnd: z.string().min(1),
  alias: z.array(z.string().min(1)).default([]),
  från: z.number().int().optional(),
  till: z.number().int().optional(),
  ersatt_av: z.string().min(1).optional(),
}).refine((e) => e.typ !== "stadsdelsförvaltning" || / stadsdelsförvaltning$/.test(e.förvaltning), {
  message: "a stadsdelsförvaltning's official name ends in \" stadsdelsförvaltning\"",
});

export interface Förvaltning {
  /** The short name the documents print: "Farsta", "Socialförvaltningen". */
  namn: string;
  typ: Kind;
  /** The official name, for letters, as the city writes it: "Farsta stadsdelsförvaltning", "Södermalms stadsdelsförvaltning". */
  förvaltning: string;
  /**
   * What stands before "stadsdelsförvaltning" in the official name, genitive
   * included ("Södermalms", "Farsta"), for a plural such as "Skarpnäcks och
   * Farsta stadsdelsförvaltningar"; the official name for a fackförvaltning.
   */
  stam: string;
  /** Its committee: "Farsta stadsdelsnämnd", "Socialnämnden". */
  nämnd: string;
  alias: string[];
  från: number | undefined;
  till: number | undefined;
  ersattAv: string | undefined;
}

/**
 * The key two spellings of one name share: Unicode-folded, accents and case
 * dropped, and everything but letters and digits removed, so "Hägersten
 * Älvsjö", "hagersten-alvsjo" and "Hägersten/Älvsjö" meet.
 */
export function nameKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLocaleLowerCase("sv-SE")
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

/** Suffixes that name a district's administration or committee: "Farsta sdf", "Farsta stadsdelsnämnd". */
const DISTRICT_FORMS = ["sdf", "sdn", "stadsdelsförvaltning", "stadsdelsnämnd", "stadsdelsförvaltningen", "stadsdelsnämnden"];

export class Register {
  readonly entries: readonly Förvaltning[];
  private readonly byKey = new Map<string, Förvaltning>();

  constructor(entries: Förvaltning[], source = "registret") {
    this.entries = entries;
    for (const entry of entries) {
      const names = [entry.namn, entry.förvaltning, entry.nämnd, ...entry.alias];
      if (entry.typ === "stadsdelsförvaltning") {
        // "Södermalm sdf" and "Södermalms stadsdelsförvaltning" alike.
        for (const stem of new Set([entry.namn, entry.stam])) names.push(...DISTRICT_FORMS.map((s) => `${stem} ${s}`));
      }
      for (const name of names) {
        const key = nameKey(name);
        const other = this.byKey.get(key);
        // Two förvaltningar answering to one name would make matching a guess.
        if (other && other !== entry) throw new Error(`${source}: "${name}" names both ${other.namn} and ${entry.namn}`);
        this.byKey.set(key, entry);
      }
    }
    for (const entry of entries) {
      if (entry.ersattAv && !this.find(entry.ersattAv)) throw new Error(`${source}: ${entry.namn} is replaced by unknown ${entry.ersattAv}`);
    }
  }

  /** The förvaltning a name (short, formal, nämnd or alias, in any case or accents) stands for. */
  find(name: string): Förvaltning | undefined {
    return this.byKey.get(nameKey(name));
  }

  /** Whether the förvaltning existed in `year`. */
  existed(entry: Förvaltning, year: number): boolean {
    return (entry.från === undefined || year >= entry.från) && (entry.till === undefined || year <= entry.till);
  }

  /**
   * Up to three short names close to an unknown name, nearest first, for
   * "menade du …?": only names nearly as close as the nearest one, so a name
   * one letter off ("Kungsholmn") is suggested alone. A name is close when one
   * of its spellings is: a typed part of it, or within a third of that
   * spelling's length (a short alias such as "AMF" is not close to every
   * long name). None when nothing is near enough to be what was meant.
   */
  suggest(name: string, year?: number): string[] {
    const key = nameKey(name);
    const candidates = this.entries.filter((e) => year === undefined || this.existed(e, year));
    // A förvaltning gone by that year is suggested as the one that replaced it ("Kista" → Järva).
    const shownAs = (e: Förvaltning): string | undefined => {
      if (year === undefined || this.existed(e, year)) return e.namn;
      const successor = e.ersattAv === undefined ? undefined : this.find(e.ersattAv);
      return successor && this.existed(successor, year) ? successor.namn : undefined;
    };
    const scoredAll = this.entries.flatMap((e) => {
      const namn = shownAs(e);
      if (namn === undefined) return [];
      const keys = [e.namn, e.förvaltning, ...e.alias].map(nameKey);
      // A typed part of a longer name ("Hägersten" for Hägersten-Älvsjö) counts as near.
      // So does a part from within it ("Älvsjö" for Hägersten-Älvsjö), when it is more than a few letters.
      const part = (k: string) => (key.length >= 3 && (k.startsWith(key) || key.startsWith(k))) || (key.length >= 5 && k.includes(key));
      if (keys.some(part)) return [{ namn, score: 0 }];
      const near = keys.map((k) => distance(key, k)).filter((d, i) => d <= Math.max(2, Math.floor(keys[i]!.length / 3)));
      return near.length > 0 ? [{ namn, score: Math.min(...near) }] : [];
    });
    // One entry per name, at its best score.
    const scored = [...new Map(scoredAll.sort((a, b) => b.score - a.score).map((s) => [s.namn, s])).values()];
    if (scored.length > 0) {
      const best = Math.min(...scored.map((s) => s.score));
      // Beside a near-exact match (a letter or two off) nothing else; otherwise names at most one letter further.
      const within = best <= 2 ? best : best + 1;
      return scored
        .filter((s) => s.score <= within)
        .sort((a, b) => a.score - b.score || a.namn.localeCompare(b.namn, "sv-SE"))
        .slice(0, 3)
        .map((s) => s.namn);
    }
    // Nothing close: the nearest name, unless it shares too little with what was typed to be meant ("Kista" is not "Farsta").
    const nearest = closest(key, candidates.map((e) => nameKey(e.namn)));
    const entry = candidates.find((e) => nameKey(e.namn) === nearest);
    return entry && distance(key, nearest) <= Math.floor(key.length / 2) ? [entry.namn] : [];
  }
}

/** Builds a register from parsed data (the data file's contents). */
export function registerFrom(data: unknown, source = "registret"): Register {
  const parsed = z.array(entrySchema).parse(data);
  return new Register(
    parsed.map((e) => ({
      namn: e.namn.normalize("NFC"),
      typ: e.typ,
      förvaltning: e.förvaltning.normalize("NFC"),
      stam: e.förvaltning.normalize("NFC").replace(/ stadsdelsförvaltning$/, ""),
      nämnd: e.nämnd.normalize("NFC"),
      alias: e.alias.map((a) => a.normalize("NFC")),
      från: e.från,
      till: e.till,
      ersattAv: e.ersatt_av?.normalize("NFC"),
    })),
    source,
  );
}

let loaded: Register | undefined;

/** The project's register, read once per process. */
export function register(): Register {
  loaded ??= registerFrom(parseYaml(readProjectTextSync(REGISTER_FILE, PROJECT_ROOT)), REGISTER_FILE);
  return loaded;
}
