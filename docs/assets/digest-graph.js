// Renders news-digest's related-actor graphs with the vendored Mermaid (no CDN).
// Diagrams are <pre class="digest-mermaid"> blocks written by digest/render.py; labels are
// sanitised there and Mermaid runs with securityLevel "strict".
import mermaid from "./vendor/mermaid/mermaid.esm.min.mjs";

function scheme() {
  return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "default";
}

async function render() {
  const blocks = document.querySelectorAll("pre.digest-mermaid:not([data-processed])");
  if (!blocks.length) return;
  mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: scheme() });
  await mermaid.run({ nodes: blocks });
}

render();
