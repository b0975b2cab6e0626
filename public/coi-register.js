// BERT Lab: makes the page cross-origin isolated where the host sends no COOP/COEP headers (GitHub Pages), so
// tfjs-wasm can run on several threads. Loaded as a plain blocking <script src> in <head> (app/layout.tsx), before
// anything else runs. It registers coi-sw.js (next to this file, scope = this folder, so a basePath works) and, once
// the worker controls the page (or is active but was skipped, as by a hard reload), loads the page once more through
// it: location.replace() to the same URL plus a `bert-lab-coi` query marker, which the next page strips before anything
// reads the URL. A page that arrives with the marker and is still not isolated never goes again, and notes in
// sessionStorage that this tab's browser will not isolate, so the tab's other pages stay put too: no reload loop.
//
// Why not location.reload() and a sessionStorage flag, as before (issue #28): the isolated page lives in another
// browsing context group (COOP). On that reload Chromium kept the old, unisolated document in its back/forward cache
// under the same history entry, and the next reload the browser started (CDP Page.reload, what Playwright's
// page.reload sends; location.reload() from the page did not) brought that document back: no load event, data-coi
// "pending", one WASM thread for the rest of the tab. replace() to another URL gives the page a new history entry
// instead, and it is a real navigation even with a #fragment. And sessionStorage is not one view across those groups:
// a later unisolated page (a hard reload) could read a flag that the isolated page had already removed, and give up.
// The marker travels with the one navigation it is about. tests/browser/reload.test.ts measures both.
//
// It says what happened in <html data-coi>:
//   "headers"  isolated by the server's headers (no worker registered)
//   "sw"       isolated by the service worker
//   "pending"  the worker is being installed; the page loads again through it when it is ready
//   "off"      not isolated; data-coi-reason says why: insecure | no-sw | sw-failed | reloaded
(function () {
  "use strict";
  var root = document.documentElement;
  var MARK = "bert-lab-coi";                // the query marker of the one trip through the worker
  var KEY = "bert-lab:coi-reload";          // sessionStorage: a trip in this tab came back unisolated
  var script = document.currentScript;
  var swUrl = new URL("coi-sw.js", script && script.src ? script.src : location.href);
  var scope = new URL("./", swUrl).href;
  var sw = "serviceWorker" in navigator ? navigator.serviceWorker : null;
  var ours = function (w) { return !!w && w.scriptURL === swUrl.href; };
  var state = function (coi, reason) {
    root.dataset.coi = coi;
    if (reason) root.dataset.coiReason = reason;
    else delete root.dataset.coiReason;
  };
  var storage = function (f) { try { return f(sessionStorage); } catch (e) { return null; } };

  // This page is the trip's result: take the marker out of the URL (history entry and address bar) before the app reads it.
  var marked = new RegExp("[?&]" + MARK + "$");
  var trip = marked.test(location.search);
  if (trip) history.replaceState(history.state, "", location.pathname + location.search.replace(marked, "") + location.hash);

  if (window.crossOriginIsolated) {
    state(sw && ours(sw.controller) ? "sw" : "headers");
    storage(function (s) { s.removeItem(KEY); });
    return;
  }
  if (!window.isSecureContext) return state("off", "insecure");
  if (!sw) return state("off", "no-sw");
  // Went through the worker and still not isolated (now, or before in this tab): the browser does not let it.
  if (trip) storage(function (s) { s.setItem(KEY, "1"); });
  if (trip || storage(function (s) { return s.getItem(KEY); })) return state("off", "reloaded");

  var gone = false;
  var go = function () {
    if (gone) return;
    gone = true;
    location.replace(location.pathname + location.search + (location.search ? "&" : "?") + MARK + location.hash);
  };
  state("pending");
  sw.addEventListener("controllerchange", function () {
    if (ours(sw.controller)) go();
  });
  sw.register(swUrl.href, { scope: scope }).then(
    function (reg) {
      if (!reg) return state("off", "sw-failed");   // a browser that blocks workers may resolve with nothing
      // Already active but not in control (a hard reload skips the worker): a new navigation goes through it.
      if (ours(reg.active)) return go();
      var w = reg.installing || reg.waiting;
      if (w) {
        w.addEventListener("statechange", function () {
          if (w.state === "redundant" && !gone) state("off", "sw-failed");
        });
      }
    },
    function () {
      state("off", "sw-failed");
    },
  );
})();
