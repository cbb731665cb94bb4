/* What every part of the explorer shares: the map it was given, its options, the one state
   (geo-explorer/state.js: replaced, never changed in place, by its transitions), the layers'
   times, and the page's parts as they are built. One object, so that each module reads the
   same; only the modules that change the state assign ctx.state. */
import {initial} from "geo-explorer/state.js";

export const ctx = {
  map: null,            // the Leaflet map
  options: null,        // what the page says (geo/map/ui.py: titles, layers' order, messages…)
  tiles: {},            // the basemaps by key ("osm", "esri"): the offline one is the map's own
  state: initial(),
  times: {},            // layer name -> [{t, t1, precision} or null, ...] by feature (first time field)
  windows: {},          // layer name -> [[from, to] or null, ...] for layers with two time fields
  extent: [0, 1],       // the first and last time of the layers (ms)
  el: {},               // the page's parts
  timeline: null,       // the geoTimeline.Timeline
  control: null,        // the layers and legend control
  token: null,          // the app's session, for downloads
  userVersion: null,    // the version of the user's layers last fetched
  compare: null,        // the notice comparison the app sent with the user's layers
  colourBy: {},         // user layer -> {field, legend} it is coloured by
  pointers: [],         // the chosen event's parts far away: [{layer, index, bounds}]
  picker: null,         // the open list of stacked features, if any
  card: null,           // the open card, if any
  ready: false          // true once the first screen is drawn
};
