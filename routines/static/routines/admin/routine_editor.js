/* The routine editor: each step's texts dialog, and the preview of the routine as the app
   plays it. Plain DOM, no inline script (the admin runs under a strict CSP). Rows added with
   "Add another step" are clones made by Django's inlines.js, so events are delegated. */
"use strict";
(function () {
  const languages = () => Array.from(document.querySelectorAll("[name$='-title_en'], [name$='-title_ru']"))
    .map((input) => input.name.slice(-2)).filter((code, i, all) => all.indexOf(code) === i);

  function textOf(row, field, code) {
    const input = row.querySelector(`[name$='-${field}_${code}']`);
    return input ? input.value.trim() : "";
  }

  /* After the dialog closes, the row's button shows the title and what is left to write. */
  function refreshRow(row) {
    const button = row.querySelector(".step-texts-open");
    if (!button) return;
    const current = (document.documentElement.lang || "en").slice(0, 2);
    const codes = [current, ...languages().filter((code) => code !== current)];
    const title = codes.map((code) => textOf(row, "title", code)).find(Boolean);
    if (title) button.querySelector(".step-title").textContent = title;
    button.querySelectorAll(".step-missing").forEach((mark) => mark.remove());
    languages().forEach((code) => {
      if (textOf(row, "title", code) && textOf(row, "instruction", code)) return;
      const mark = document.createElement("span");
      mark.className = "step-missing";
      mark.textContent = "○ " + code.toUpperCase();
      button.append(" ", mark);
    });
  }

  document.addEventListener("click", (event) => {
    const open = event.target.closest(".step-texts-open");
    if (open) {
      open.parentElement.querySelector("dialog.step-texts").showModal();
      return;
    }
    const done = event.target.closest(".step-texts-close");
    if (done) done.closest("dialog").close();
  });
  document.addEventListener("close", (event) => {
    if (event.target.matches && event.target.matches("dialog.step-texts")) {
      refreshRow(event.target.closest("tr"));
    }
  }, true);

  /* The preview: a clock runs through the timeline; the step under it is shown with its
     zones lit on its foot map, and the cue the app would say last. */
  function startPreview(panel) {
    const data = JSON.parse(document.getElementById("routine-preview-data").textContent);
    if (!data.length) return;
    const total = data[data.length - 1].ends;
    const play = panel.querySelector(".preview-play");
    const speed = panel.querySelector(".preview-speed");
    const clock = panel.querySelector(".preview-clock");
    const segments = panel.querySelectorAll(".preview-timeline li");
    let seconds = 0;
    let timer = null;
    let shown = -1;

    const format = (s) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;

    function stepAt(s) {
      const index = data.findIndex((step) => s >= step.starts && s < step.ends);
      return index === -1 ? data.length - 1 : index;
    }

    function showStep(index) {
      const step = data[index];
      segments.forEach((segment, i) => segment.classList.toggle("current", i === index));
      panel.querySelectorAll(".preview-map").forEach((figure) => {
        figure.hidden = figure.dataset.map !== step.map;
        figure.querySelectorAll(".zone.current").forEach((zone) => zone.classList.remove("current"));
      });
      const figure = panel.querySelector(`.preview-map[data-map="${step.map}"]`);
      if (figure) {
        step.zones.forEach((slug) => {
          const zone = figure.querySelector(`[id="zone-${CSS.escape(slug)}"]`);
          if (zone) zone.classList.add("current");
        });
      }
      panel.querySelector(".preview-title").textContent = `${step.position}. ${step.title}`;
      panel.querySelector(".preview-facts").textContent = [
        step.technique, step.foot, step.pressure,
        `${step.repetitions} ×`, `${format(step.starts)}–${format(step.ends)}`,
      ].join(" · ");
      panel.querySelector(".preview-zones").textContent = step.zone_names.join(", ");
      const list = panel.querySelector(".preview-cues");
      list.replaceChildren(...step.cues.map((cue) => {
        const item = document.createElement("li");
        item.dataset.at = cue.at;
        item.textContent = `${format(cue.at)} ${cue.text}`;
        return item;
      }));
      shown = index;
    }

    function show(s) {
      seconds = Math.min(s, total);
      clock.textContent = `${format(seconds)} / ${format(total)}`;
      const index = stepAt(seconds);
      if (index !== shown) showStep(index);
      const into = seconds - data[index].starts;
      const said = data[index].cues.filter((cue) => cue.at <= into);
      panel.querySelector(".preview-cue").textContent = said.length ? said[said.length - 1].text : "";
      panel.querySelectorAll(".preview-cues li").forEach((item) => {
        item.classList.toggle("said", Number(item.dataset.at) <= into);
      });
    }

    function stop() {
      clearInterval(timer);
      timer = null;
      play.textContent = play.dataset.playLabel;
    }

    play.addEventListener("click", () => {
      if (timer) return stop();
      if (seconds >= total) show(0);
      play.textContent = play.dataset.pauseLabel;
      timer = setInterval(() => {
        show(seconds + 0.1 * Number(speed.value));
        if (seconds >= total) stop();
      }, 100);
    });
    segments.forEach((segment) => {
      segment.querySelector("button").addEventListener("click", () => {
        show(data[Number(segment.dataset.index)].starts);
      });
    });
    show(0);
  }

  document.addEventListener("DOMContentLoaded", () => {
    const panel = document.getElementById("routine-preview");
    if (panel) startPreview(panel);
  });
})();
