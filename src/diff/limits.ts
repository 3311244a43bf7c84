// A hostile or broken .docx or .pdf handed to textconv stops at a limit with
// a Swedish message, instead of taking minutes or gigabytes.

/** A limit on what textconv reads was passed; the message says which, in Swedish. */
export class TextLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TextLimitError";
  }
}
