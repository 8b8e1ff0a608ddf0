/* A Web Worker for pages opened from files (file://), where browsers refuse
 * to start one: the site's search runs in a worker, so without this the
 * search box of a site opened from disk never answers.  The worker script
 * runs in a hidden same-origin iframe instead, behind the Worker interface
 * (postMessage, message events, onmessage).  Over http(s) nothing changes.
 * Loaded before the theme's scripts (mkdocs.yml: extra.polyfills), which
 * also stops the theme's offline plugin from loading a shim from the network.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:" || typeof EventTarget !== "function") return;

  function copy(data) {
    return typeof structuredClone === "function" ? structuredClone(data) : JSON.parse(JSON.stringify(data));
  }

  class FrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this._pending = [];
      this._ready = false;
      const frame = document.createElement("iframe");
      frame.hidden = true;
      frame.setAttribute("aria-hidden", "true");
      (document.body || document.documentElement).appendChild(frame);
      this._frame = frame;
      const scope = frame.contentWindow;
      const worker = this;
      // what the worker script sees as its global scope
      scope.postMessage = function (data) {
        const event = new MessageEvent("message", { data: copy(data) });
        worker.dispatchEvent(event);
        if (typeof worker.onmessage === "function") worker.onmessage(event);
      };
      scope.importScripts = function () {
        throw new Error("importScripts is not available to a worker of a page opened from files");
      };
      scope.__workerReady = function () {
        worker._ready = true;
        worker._pending.splice(0).forEach(function (data) { worker._deliver(data); });
      };
      scope.__workerFailed = function () {
        const event = new Event("error");
        worker.dispatchEvent(event);
        if (typeof worker.onerror === "function") worker.onerror(event);
      };
      const source = new URL(url, location.href).href.replace(/"/g, "&quot;");
      const doc = scope.document;
      doc.open();
      doc.write('<script src="' + source + '" onerror="__workerFailed()"><\/script>' +
                "<script>__workerReady()<\/script>");
      doc.close();
    }

    _deliver(data) {
      const scope = this._frame.contentWindow;
      scope.dispatchEvent(new scope.MessageEvent("message", { data: copy(data) }));
    }

    postMessage(data) {
      if (this._ready) this._deliver(data);
      else this._pending.push(data);
    }

    terminate() {
      this._frame.remove();
    }
  }

  window.Worker = FrameWorker;
})();
