// Entry of a file-reader process (../file-worker.ts): runs the TypeScript reader through tsx's loader, like bin/shenbao.js.
import { register } from "tsx/esm/api";

register();
await import("./reader-child-main.ts");
