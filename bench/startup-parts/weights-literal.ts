// The weights file inlined as a JSON module, not validated.
import weights from "../../weights/model.json";

export default { fetch: () => new Response(String(Object.keys(weights).length)) };
