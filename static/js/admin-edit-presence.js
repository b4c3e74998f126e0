// The heartbeat of an admin change form open for editing (core/admin/presence.py): it renews
// the editor's presence on the item, shows what the server says (the item was taken over, someone
// else is editing it too) at the top of the form, and ends the presence when the page is left.
(function () {
  "use strict";
  const marker = document.getElementById("edit-presence");
  if (!marker) {
    return;
  }
  const token = document.querySelector("#content-main form[method=post] input[name=csrfmiddlewaretoken]");
  if (!token) {
    return;
  }
  const interval = Math.max(Number(marker.dataset.interval) || 30, 1) * 1000;
  let notice = null;
  let timer = null;

  function body() {
    const data = new FormData();
    data.append("csrfmiddlewaretoken", token.value);
    data.append("page", marker.dataset.page);
    return data;
  }

  function show(state, text) {
    if (!text) {
      if (notice) {
        notice.remove();
        notice = null;
      }
      return;
    }
    if (!notice) {
      notice = document.createElement("div");
      notice.setAttribute("role", "alert");
      marker.after(notice);
    }
    notice.className = "edit-presence-notice errornote";
    notice.dataset.state = state;
    notice.textContent = text;
  }

  function beat() {
    fetch(marker.dataset.heartbeatUrl, {
      method: "POST",
      body: body(),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (answer) {
        if (!answer) {
          return;
        }
        show(answer.state, answer.notice);
        if (answer.state === "taken_over") {
          window.clearInterval(timer);
        }
      })
      .catch(function () {
        // Offline for a moment: the next heartbeat tries again.
      });
  }

  timer = window.setInterval(beat, interval);
  window.addEventListener("pagehide", function () {
    window.clearInterval(timer);
    if (marker.dataset.releaseUrl) {
      navigator.sendBeacon(marker.dataset.releaseUrl, body());
    }
  });
  window.addEventListener("pageshow", function (event) {
    // Back from the browser's page cache: the presence was released on leaving, so take it up again.
    if (event.persisted) {
      beat();
      timer = window.setInterval(beat, interval);
    }
  });
})();
