/* The map view: one marker per row, drawn with Leaflet (bundled, no CDN). The tile layer is
 * added only when the portal configures one (ckanext.sonla.map.tile_url): by default the map
 * makes no request outside the portal. Popup values are set as text, never as HTML. */
(function () {
  "use strict";
  var node = document.getElementById("sonla-map-data");
  var box = document.getElementById("sonla-map");
  if (!node || !box || !window.L) {
    return;
  }
  var data = JSON.parse(node.textContent);
  var numbers = new Intl.NumberFormat(data.locale, { maximumFractionDigits: 6 });
  var map = window.L.map(box, { attributionControl: Boolean(data.tile_url) });
  if (data.tile_url) {
    window.L.tileLayer(data.tile_url, { attribution: data.attribution, maxZoom: 18 }).addTo(map);
  }

  function popup(cells) {
    var list = document.createElement("dl");
    list.className = "sonla-map-popup";
    cells.forEach(function (cell) {
      var term = document.createElement("dt");
      var value = document.createElement("dd");
      term.textContent = cell[0];
      value.textContent = typeof cell[1] === "number" ? numbers.format(cell[1]) : cell[1];
      list.appendChild(term);
      list.appendChild(value);
    });
    return list;
  }

  var markers = window.L.featureGroup();
  data.points.forEach(function (point) {
    var title = point.cells.length ? String(point.cells[0][1]) : "";
    var marker = window.L.marker([point.lat, point.lon], {
      icon: window.L.divIcon({ className: "sonla-map-marker", iconSize: [16, 16] }),
      title: title,
      alt: title
    });
    marker.bindPopup(popup(point.cells));
    markers.addLayer(marker);
  });
  markers.addTo(map);
  if (data.points.length) {
    map.fitBounds(markers.getBounds(), { padding: [24, 24], maxZoom: 14 });
  } else {
    map.setView([21.3, 103.9], 8);  // Sơn La
  }
})();
