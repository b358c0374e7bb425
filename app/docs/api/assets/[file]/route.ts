// Swagger UI's own files, bundled with the console (no CDN: the docs work offline and under the
// CSP), plus the few lines that start it. Only these names are served.
import { readFile } from "node:fs/promises";
import path from "node:path";

const SWAGGER_UI_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules", "swagger-ui-dist");
// A Map, not an object: "__proto__" or "toString" must find nothing.
const FILES = new Map([["swagger-ui-bundle.js", "text/javascript; charset=utf-8"]]);

// A file, not an inline script, so the page's CSP holds; the bundle it adds may run under
// 'strict-dynamic' because a trusted script added it.
const START = `(function () {
  var bundle = document.createElement("script");
  bundle.src = "/docs/api/assets/swagger-ui-bundle.js";
  bundle.onload = function () {
    window.ui = SwaggerUIBundle({
      url: "/api/v1/openapi.json",
      dom_id: "#swagger-ui",
      deepLinking: true,
      defaultModelsExpandDepth: 0,
      presets: [SwaggerUIBundle.presets.apis],
      layout: "BaseLayout",
    });
  };
  document.head.appendChild(bundle);
})();`;

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await params;
  if (file === "start.js") return new Response(START, { headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-cache" } });
  const type = FILES.get(file);
  if (!type) return new Response("Not found.", { status: 404 });
  const body = await readFile(path.join(SWAGGER_UI_DIR, file));
  return new Response(body, { headers: { "Content-Type": type, "Cache-Control": "public, max-age=86400" } });
}
