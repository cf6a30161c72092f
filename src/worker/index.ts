/** The Worker's entry point. */
import { app } from "./app.js";

export type { AppType } from "./app.js";
export default app;
