// Saving a text export from the page (components/save-file.ts): nothing leaves the browser.
import { download } from '../../components/save-file.ts';

export function saveText(fileName: string, text: string, type: string): void {
  download(fileName, text, type);
}
