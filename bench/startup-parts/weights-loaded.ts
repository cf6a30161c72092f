// The weights file inlined and validated into a model, as the Worker does at start-up.
import weights from "../../weights/model.json";
import { loadWeights } from "../../src/model/weights.js";

const { model } = loadWeights(weights);
export default { fetch: () => new Response(String(model.weights.length)) };
