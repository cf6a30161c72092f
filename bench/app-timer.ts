/**
 * A bench-only Worker that runs the served app (bench/served-app.ts) on requests made inside the
 * isolate: `POST /time?path=P&n=N` with a JSON array of bodies sends each body to P, N times over,
 * and answers how many requests it made. Its process's CPU over the call, divided by them, is the
 * app's own cost without the HTTP server's, the least noisy of the figures on this machine
 * (`npm run bench:compare`). Any other request goes to the app.
 */
import served from "./served-app.js";

export default {
  async fetch(request: Request, env: Cloudflare.Env, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname !== "/time") return served.fetch(request, env, ctx);
    const bodies = (await request.json()) as string[];
    const times = Number(url.searchParams.get("n") ?? 1);
    const path = url.searchParams.get("path") ?? "/predict";
    for (let k = 0; k < times; k++) {
      for (const body of bodies) {
        const response = await served.fetch(new Request(`http://bench${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body }), env, ctx);
        await response.arrayBuffer();
        if (!response.ok) return Response.json({ error: `${path} answered ${response.status}` }, { status: 500 });
      }
    }
    return Response.json({ requests: times * bodies.length });
  },
};
