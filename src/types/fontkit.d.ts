// fontkit 2 ships no types; these are the parts the PDF writer and the
// metrics generator call. The objects it returns are typed where they are used.
declare module "fontkit" {
  export function create(buffer: Uint8Array, postscriptName?: string): unknown;
}
