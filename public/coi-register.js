// BERT Lab: makes the page cross-origin isolated where the host sends no COOP/COEP headers (GitHub Pages), so
// tfjs-wasm can run on several threads. Loaded as a plain blocking <script src> in <head> (app/layout.tsx), before
// anything else runs. It registers coi-sw.js (next to this file, scope = this folder, so a basePath works) and, once
// the worker controls the page, reloads it once: a sessionStorage flag makes sure a host where even that does not
// isolate never reloads in a loop. It says what happened in <html data-coi>:
//   "headers"  isolated by the server's headers (no worker registered)
//   "sw"       isolated by the service worker
//   "pending"  the worker is being installed; the page reloads when it is ready
//   "off"      not isolated; data-coi-reason says why: insecure | no-sw | sw-failed | reloaded | no-storage
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "bert-lab:coi-reload";
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
  var flag;   // the reload guard: a string once this tab reloaded for the worker, undefined where storage is off
  try { flag = sessionStorage.getItem(KEY); } catch (e) { flag = undefined; }

  if (window.crossOriginIsolated) {
    state(sw && ours(sw.controller) ? "sw" : "headers");
    if (flag) sessionStorage.removeItem(KEY);
    return;
  }
  if (!window.isSecureContext) return state("off", "insecure");
  if (!sw) return state("off", "no-sw");
  // Reloaded once already in this tab and still not isolated: the browser or host does not let the worker do it.
  if (typeof flag === "string") return state("off", "reloaded");

  var reloaded = false;
  var reload = function () {
    if (reloaded) return;
    reloaded = true;
    try {
      sessionStorage.setItem(KEY, String(Date.now()));
    } catch (e) {
      return state("off", "no-storage");   // no guard, no reload: the next page is isolated by the worker anyway
    }
    location.reload();
  };
  state("pending");
  sw.addEventListener("controllerchange", function () {
    if (ours(sw.controller)) reload();
  });
  sw.register(swUrl.href, { scope: scope }).then(
    function (reg) {
      if (!reg) return state("off", "sw-failed");   // a browser that blocks workers may resolve with nothing
      // Already active but not in control (a hard reload skips the worker): a reload goes through it.
      if (ours(reg.active)) return reload();
      var w = reg.installing || reg.waiting;
      if (w) {
        w.addEventListener("statechange", function () {
          if (w.state === "redundant" && !reloaded) state("off", "sw-failed");
        });
      }
    },
    function () {
      state("off", "sw-failed");
    },
  );
})();
