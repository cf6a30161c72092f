/** The same fuzz properties through SELF.fetch, the way a client's request reaches the Worker (fewer cases). */
import { SELF } from "cloudflare:test";
import { fuzzWorker } from "./fuzz-cases.js";

fuzzWorker((url, init) => SELF.fetch(url, init), 300);
