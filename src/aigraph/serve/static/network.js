// The network picture: a force-directed layout (vendored d3) of /api/network's nodes and links.
(function () {
  "use strict";
  var box = document.getElementById("network");
  if (!box || !window.d3) { return; }
  fetch(box.getAttribute("data-source"), { headers: { Accept: "application/json" } })
    .then(function (response) {
      if (!response.ok) { throw new Error("the server answered " + response.status); }
      return response.json();
    })
    .then(draw)
    .catch(function (error) { box.textContent = "The network could not be loaded: " + error.message; });

  function draw(data) {
    var width = box.clientWidth || 900, height = box.clientHeight || 640;
    var svg = d3.select(box).append("svg").attr("viewBox", [0, 0, width, height])
      .attr("role", "img").attr("aria-label", "Network of instruments, standards, committees and authorities");
    var layer = svg.append("g");
    var zoom = d3.zoom().scaleExtent([0.2, 4]).on("zoom", function (event) { layer.attr("transform", event.transform); });
    svg.call(zoom);
    var simulation = d3.forceSimulation(data.nodes)
      .force("link", d3.forceLink(data.links).id(function (d) { return d.id; }).distance(55))
      .force("charge", d3.forceManyBody().strength(-150))
      .force("collide", d3.forceCollide(16))
      .force("x", d3.forceX(width / 2).strength(0.05))
      .force("y", d3.forceY(height / 2).strength(0.08))
      .stop();
    simulation.tick(300);  // lay out first, then draw: the picture appears settled
    var link = layer.append("g").selectAll("line").data(data.links).join("line");
    link.append("title").text(function (d) { return d.relation; });
    var node = layer.append("g").selectAll("g").data(data.nodes).join("g").attr("class", "node");
    node.append("circle").attr("r", function (d) { return d.kind === "standard" ? 6 : 9; })
      .attr("class", function (d) { return d.kind; })
      .style("cursor", function (d) { return d.href ? "pointer" : "default"; })
      .on("click", function (event, d) { if (d.href) { window.location.href = d.href; } });
    node.append("title").text(function (d) { return d.label + " (" + d.kind + ")"; });
    node.append("text").attr("x", 11).attr("y", 3).text(function (d) {
      return d.label.length > 28 ? d.label.slice(0, 27) + "…" : d.label;
    });
    node.call(d3.drag()
      .on("start", function (event, d) { if (!event.active) { simulation.alphaTarget(0.3).restart(); } d.fx = d.x; d.fy = d.y; })
      .on("drag", function (event, d) { d.fx = event.x; d.fy = event.y; })
      .on("end", function (event, d) { if (!event.active) { simulation.alphaTarget(0); } d.fx = null; d.fy = null; }));
    function place() {
      link.attr("x1", function (d) { return d.source.x; }).attr("y1", function (d) { return d.source.y; })
        .attr("x2", function (d) { return d.target.x; }).attr("y2", function (d) { return d.target.y; });
      node.attr("transform", function (d) { return "translate(" + d.x + "," + d.y + ")"; });
    }
    simulation.on("tick", place);
    place();
    // fit the whole network into the box
    var xs = data.nodes.map(function (d) { return d.x; }), ys = data.nodes.map(function (d) { return d.y; });
    var x0 = d3.min(xs) - 20, x1 = d3.max(xs) + 160, y0 = d3.min(ys) - 20, y1 = d3.max(ys) + 20;
    var scale = Math.min(1.5, width / (x1 - x0), height / (y1 - y0));
    svg.call(zoom.transform, d3.zoomIdentity.translate((width - scale * (x1 + x0)) / 2, (height - scale * (y1 + y0)) / 2).scale(scale));
    box.setAttribute("data-nodes", String(data.nodes.length));
  }
}());
