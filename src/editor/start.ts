// The preview server with the editor in it: one server, one port, the
// editor's page at /redigera/<year>/ beside the preview's pages (which the
// editor shows in its right half).
import { startPreview, type Preview, type PreviewOptions } from "../preview/server.js";
import { createEditor, type Editor } from "./api.js";

export interface EditorPreview extends Preview {
  editor: Editor;
  /** The editor's address, with the token: what the secretary opens. */
  editorUrl: string;
}

export async function startEditorPreview(options: PreviewOptions & { token?: string }): Promise<EditorPreview> {
  let preview: Preview | undefined;
  const editor = createEditor({ cwd: options.cwd, token: options.token, documents: (stem) => preview?.documents(stem) ?? [] });
  preview = await startPreview({ ...options, handle: editor.handle });
  await editor.ready;
  return { ...preview, editor, editorUrl: editor.url(preview.url) };
}
