/* The atlas map: organisations and gebieden from /api/v1/atlas.geojson, drawn with Leaflet.
   Without a tile URL the map has a plain background; the list beside it is the accessible
   alternative, so the map is an enhancement only. */
(function () {
  "use strict";
  var el = document.getElementById("atlas-map");
  if (!el || typeof L === "undefined") { return; }
  // The marker cluster needs a maximum zoom on the map itself: without tiles nothing else sets one.
  var map = L.map(el, { scrollWheelZoom: false, maxZoom: 18 }).setView([51.92, 4.48], 11);
  var tiles = el.dataset.tileUrl;
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 18, attribution: el.dataset.tileAttribution || "" }).addTo(map);
  } else {
    el.classList.add("rg-map--plain");
  }
  var cluster = typeof L.markerClusterGroup === "function" ? L.markerClusterGroup({ showCoverageOnHover: false }) : L.layerGroup();
  var areas = L.layerGroup();

  function link(url, text) {
    var a = document.createElement("a");
    a.href = url;
    a.className = "utrecht-link";
    a.textContent = text;
    return a;
  }

  fetch(el.dataset.geojson, { headers: { Accept: "application/geo+json, application/json" } })
    .then(function (response) { return response.ok ? response.json() : { features: [] }; })
    .then(function (data) {
      var bounds = [];
      data.features.forEach(function (feature) {
        if (!feature.geometry) { return; }
        var c = feature.geometry.coordinates;
        var latlng = [c[1], c[0]];
        var p = feature.properties;
        if (p.kind === "area") {
          var area = L.circleMarker(latlng, { radius: 18, color: "#00811f", weight: 1, fillOpacity: 0.08 });
          var popup = document.createElement("div");
          popup.appendChild(document.createTextNode(p.name + " "));
          popup.appendChild(link("?area=" + encodeURIComponent(p.slug), el.dataset.labelArea + " " + p.name));
          area.bindPopup(popup).bindTooltip(document.createTextNode(p.name));
          areas.addLayer(area);
          return;
        }
        var marker = L.circleMarker(latlng, {
          radius: 7, color: "#004699", weight: 2, fillColor: p.approximate ? "#ffffff" : "#004699", fillOpacity: 0.9,
        });
        var body = document.createElement("div");
        body.appendChild(link(p.url, p.name));
        body.appendChild(document.createElement("br"));
        body.appendChild(document.createTextNode(p.type_label));
        marker.bindPopup(body).bindTooltip(document.createTextNode(p.name));
        cluster.addLayer(marker);
        bounds.push(latlng);
      });
      areas.addTo(map);
      cluster.addTo(map);
      if (bounds.length > 1) { map.fitBounds(bounds, { padding: [20, 20], maxZoom: 14 }); }
    })
    .catch(function () { /* the list still shows everything */ });
})();
