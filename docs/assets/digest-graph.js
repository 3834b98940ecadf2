// Renders news-digest's related-actor graphs with the vendored Mermaid (no CDN).
// Diagrams are <pre class="digest-mermaid"> blocks written by digest/render.py; labels are
// encoded there and Mermaid runs with securityLevel "strict". A palette switch redraws them.
import mermaid from "./vendor/mermaid/mermaid.esm.min.mjs";

function scheme() {
  return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "default";
}

async function render() {
  const blocks = document.querySelectorAll("pre.digest-mermaid");
  if (!blocks.length) return;
  for (const block of blocks) {
    // Keep the diagram source: Mermaid replaces it with the SVG.
    if (block.dataset.source === undefined) block.dataset.source = block.textContent;
    block.removeAttribute("data-processed");
    block.textContent = block.dataset.source;
  }
  mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: scheme() });
  await mermaid.run({ nodes: blocks });
}

new MutationObserver(() => render()).observe(document.body, {
  attributes: true,
  attributeFilter: ["data-md-color-scheme"],
});
render();
