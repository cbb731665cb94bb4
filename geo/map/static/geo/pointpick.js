/* A point picked on the map for the app's orbit tool (passes over it). While the app asks for
   one (its "pick_point" argument), a click where there is no feature sends that latitude and
   longitude to the app as the component's value (the page's script reruns once a click) and
   marks the point; the app reads and checks it as it reads a typed LAT,LON. */
var geoPointPick = (function () {
  "use strict";
  var wanted = false, marker = null, count = 0;

  function onArgs(args) {
    wanted = !!args.pick_point;
    if (!wanted && marker) { marker.remove(); marker = null; }
  }

  /* Whether the click was taken as the picked point. */
  function clicked(map, latlng) {
    if (!wanted || !geoHost.embedded) return false;
    var lon = ((latlng.lng + 180) % 360 + 360) % 360 - 180;  // the map may show a world copy
    var point = [Math.round(latlng.lat * 1e4) / 1e4, Math.round(lon * 1e4) / 1e4];
    count = Math.max(count + 1, Date.now());  // new after a reload of the map too
    geoHost.send({point: point, click: count});
    if (marker) marker.setLatLng(latlng);
    else marker = L.circleMarker(latlng, {radius: 6, color: "#4a1486", weight: 2, fill: false,
                                          interactive: false, className: "geo-picked"}).addTo(map);
    return true;
  }

  geoHost.onArgs(onArgs, true);  // the map's own connection makes the tools' frame
  return {clicked: clicked, picked: function () { return marker ? marker.getLatLng() : null; }};
})();
