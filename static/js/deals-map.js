// Map of the deal register: one marker per deal per area. Without tiles the markers are drawn
// on a plain background; the list below the map holds the same deals for everyone.
(function () {
  "use strict";
  var el = document.getElementById("deals-map");
  if (!el || typeof L === "undefined") return;
  var points = JSON.parse(document.getElementById(el.dataset.pointsId).textContent || "[]");
  if (!points.length) return;
  var map = L.map(el).setView([51.92, 4.48], 12);
  var tiles = el.dataset.tiles;
  if (tiles) L.tileLayer(tiles, { attribution: el.dataset.attribution || "" }).addTo(map);
  var bounds = [];
  points.forEach(function (p) {
    var link = document.createElement("a");
    link.href = p.url;
    link.textContent = p.title + " (" + p.area + ")";
    L.circleMarker([p.lat, p.lon], { radius: 8, color: "#00811f" }).addTo(map).bindPopup(link);
    bounds.push([p.lat, p.lon]);
  });
  if (bounds.length > 1) map.fitBounds(bounds, { padding: [20, 20] });
})();
