/**
 * The ingest capabilities later stages may use to open a source file's pages again (the report's page
 * thumbnails): pdf.js set up offline exactly as ingest reads it, and the BMP decoder sharp lacks. Other
 * stages import these from here, never from ingest's `_internal` modules.
 */
export { openPdf } from "./_internal/pdf-document.js";
export { decodeBmp, isBmp } from "./_internal/image-bmp.js";
