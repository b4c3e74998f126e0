// The focal point of an image in the admin's forms: a click on the thumbnail (or the arrow keys
// once it has focus) moves the marker and puts "x,y", each from 0 to 1, in the hidden input
// that core.admin.images reads when the form is saved.
"use strict";
(function () {
  const STEP = 0.05;

  function place(frame, input, x, y) {
    const marker = frame.querySelector(".focal-point-marker");
    x = Math.min(1, Math.max(0, x));
    y = Math.min(1, Math.max(0, y));
    input.value = `${x.toFixed(4)},${y.toFixed(4)}`;
    marker.style.left = `${x * 100}%`;
    marker.style.top = `${y * 100}%`;
    marker.hidden = false;
  }

  function start(frame) {
    const input = document.querySelector(`input[type=hidden][name="${frame.dataset.focalInput}"]`);
    const image = frame.querySelector("img");
    if (!input || !image) {
      return;
    }
    const current = () => input.value.split(",").map(Number);
    frame.tabIndex = 0;
    frame.setAttribute("role", "group");
    frame.setAttribute("aria-label", window.gettext ? window.gettext("Focal point") : "Focal point");
    place(frame, input, ...current());
    image.addEventListener("click", (event) => {
      const box = image.getBoundingClientRect();
      place(frame, input, (event.clientX - box.left) / box.width, (event.clientY - box.top) / box.height);
    });
    frame.addEventListener("keydown", (event) => {
      const moves = { ArrowLeft: [-STEP, 0], ArrowRight: [STEP, 0], ArrowUp: [0, -STEP], ArrowDown: [0, STEP] };
      const move = moves[event.key];
      if (move) {
        event.preventDefault();
        const [x, y] = current();
        place(frame, input, x + move[0], y + move[1]);
      }
    });
  }

  function startAll() {
    document.querySelectorAll(".focal-point[data-focal-input]").forEach(start);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startAll);
  } else {
    startAll();
  }
})();
