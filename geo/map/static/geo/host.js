/* The explorer's host: inside the app it is a Streamlit component (an iframe of the same
   origin as the page); opened from disk it stands alone. This script runs in the page's head,
   before the map is made, so that the frame has its size when the map measures it.

   In the app: it speaks Streamlit's component protocol (componentReady, render,
   setFrameHeight), sizes the frame to the window, and keeps the page's URL as the permalink.
   Alone: the permalink lives in the page's own #fragment. */
var geoHost = (function () {
  "use strict";
  var embedded = false;
  try {
    embedded = window.parent !== window && /[?&]streamlitUrl=/.test(window.location.search) &&
      !!window.frameElement;
  } catch (err) { embedded = false; }
  var NARROW_PX = 700;
  var listeners = [];
  var lastArgs = null;
  var height = 0;

  function post(type, extra) {
    var message = {isStreamlitMessage: true, type: type};
    for (var key in extra || {}) message[key] = extra[key];
    window.parent.postMessage(message, window.location.origin);  // only to our own page
  }

  function narrow() {
    return (embedded ? window.frameElement.clientWidth || window.innerWidth : window.innerWidth)
      < NARROW_PX;
  }

  /* The height the explorer should have: the rest of the window below the frame's top, or,
     on a narrow screen, its whole content (the page scrolls). */
  function wantedHeight() {
    var parentWindow = window.parent;
    var top = window.frameElement.getBoundingClientRect().top + parentWindow.scrollY;
    if (narrow()) {
      var content = document.body ? document.body.scrollHeight : 0;
      return Math.max(content, Math.round(parentWindow.innerHeight * 0.6));
    }
    return Math.max(320, Math.round(parentWindow.innerHeight - top - 6));
  }

  function resize() {
    if (!embedded) return;
    var wanted = wantedHeight();
    if (Math.abs(wanted - height) < 2) return;
    height = wanted;
    window.frameElement.style.height = wanted + "px";
    window.frameElement.setAttribute("height", String(wanted));
    post("streamlit:setFrameHeight", {height: wanted});
  }

  if (embedded) {
    post("streamlit:componentReady", {apiVersion: 1});
    resize();
    window.addEventListener("message", function (event) {
      /* Only the app's own page may speak: its parent frame, on this origin (issue 26). */
      if (event.source !== window.parent || event.origin !== window.location.origin) return;
      var data = event.data;
      if (!data || data.type !== "streamlit:render") return;
      lastArgs = data.args || {};
      resize();
      listeners.forEach(function (fn) { fn(lastArgs); });
    });
    window.parent.addEventListener("resize", function () { resize(); });
  }

  /* fn(args) for every render message from the app (the arguments of the page's script). */
  function onArgs(fn) {
    listeners.push(fn);
    if (lastArgs) fn(lastArgs);
  }

  /* Tell the app a value of the explorer's (its language): the page's script runs again with it. */
  function sendValue(value) {
    if (embedded) post("streamlit:setComponentValue", {value: value, dataType: "json"});
  }

  /* The permalink's parameters as a URLSearchParams. */
  function readParams() {
    if (embedded) return new URL(window.parent.location.href).searchParams;
    return new URLSearchParams(window.location.hash.replace(/^#/, ""));
  }

  /* Write the permalink's parameters (the others of the page's URL are kept). */
  function writeParams(params, keys) {
    try {
      if (embedded) {
        var page = window.parent, url = new URL(page.location.href);
        keys.forEach(function (key) { url.searchParams.delete(key); });
        params.forEach(function (value, key) { url.searchParams.set(key, value); });
        if (url.href !== page.location.href) page.history.replaceState(page.history.state, "", url.href);
      } else {
        var text = params.toString();
        if (("#" + text) !== window.location.hash) {
          window.history.replaceState(window.history.state, "", text ? "#" + text : window.location.pathname);
        }
      }
    } catch (err) { /* a page of another origin, or a file URL that refuses: nothing to keep */ }
  }

  function link() {
    try { return embedded ? window.parent.location.href : window.location.href; }
    catch (err) { return window.location.href; }
  }

  /* The app's sidebar (your data, notices, range rings): opened or closed from the explorer. */
  function sidebarButton() {
    if (!embedded) return null;
    var doc = window.parent.document;
    return doc.querySelector('[data-testid="stExpandSidebarButton"]') ||
      doc.querySelector('[data-testid="stSidebarCollapseButton"] button') ||
      doc.querySelector('[data-testid="stSidebarCollapsedControl"] button');
  }

  function sidebarOpen() {
    if (!embedded) return false;
    var side = window.parent.document.querySelector('[data-testid="stSidebar"]');
    return !!side && side.getAttribute("data-collapsed") === "false";
  }

  return {embedded: embedded, narrow: narrow, resize: resize, onArgs: onArgs,
          readParams: readParams, writeParams: writeParams, link: link,
          sidebarButton: sidebarButton, sidebarOpen: sidebarOpen, sendValue: sendValue};
})();
