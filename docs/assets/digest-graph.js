// Renders news-digest's related-actor graphs with the vendored Mermaid (no CDN).
// Diagrams are <pre class="digest-mermaid"> blocks written by digest/render.py; labels are
// encoded there and Mermaid runs with securityLevel "strict". A palette switch redraws them.
// Each drawn box links to its actor page: the block's data-links lists the URL of node n0, n1, …
import mermaid from "./vendor/mermaid/mermaid.esm.min.mjs";

function scheme() {
  return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "default";
}

function linkNodes(block) {
  let links = [];
  try {
    links = JSON.parse(block.dataset.links || "[]");
  } catch (e) {
    return;
  }
  for (const node of block.querySelectorAll("svg .node")) {
    const match = /(?:^|-)n(\d+)(?:-|$)/.exec(node.id || "");
    const href = match ? links[Number(match[1])] : undefined;
    if (!href || href === "./") continue;
    node.setAttribute("role", "link");
    node.setAttribute("tabindex", "0");
    node.style.cursor = "pointer";
    const go = () => { window.location.href = href; };
    node.addEventListener("click", go);
    node.addEventListener("keydown", (event) => { if (event.key === "Enter") go(); });
  }
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
  blocks.forEach(linkNodes);
}

new MutationObserver(() => render()).observe(document.body, {
  attributes: true,
  attributeFilter: ["data-md-color-scheme"],
});
render();
