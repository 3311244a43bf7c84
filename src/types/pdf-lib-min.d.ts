// The minified single-file builds of pdf-lib and fontkit load in a third of
// the time of their default entries (many CommonJS files; a 1.5 MB UMD file);
// their API is the same, so they take the packages' own types.
declare module "pdf-lib/dist/pdf-lib.esm.min.js" {
  export * from "pdf-lib";
}
declare module "@pdf-lib/fontkit/dist/fontkit.es.min.js" {
  import fontkit from "@pdf-lib/fontkit";
  export default fontkit;
}
