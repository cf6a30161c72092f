// The baseline every other part's start-up is measured against.
export default { fetch: () => new Response("") };
