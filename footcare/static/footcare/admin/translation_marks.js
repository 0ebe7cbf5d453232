/* Marks each language tab whose field is empty (django-modeltranslation builds the tabs on
   document ready; this runs after it), and keeps the mark true as the editor types. */
"use strict";
(function ($) {
  function isEmpty(panel) {
    const field = panel.querySelector("input:not([type=hidden]), textarea, select");
    return field !== null && field.value.trim() === "";
  }

  function mark(tab) {
    const link = tab.querySelector("a[href^='#']");
    const panel = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!panel) return;
    const missing = isEmpty(panel);
    tab.classList.toggle("mt-missing", missing);
    link.title = missing ? tab.dataset.missingTitle : tab.dataset.languageTitle;
  }

  $(function () {
    // The main language switch starts on the first language although the tabs open on the
    // admin's own; show the language that is open.
    const active = document.querySelector(".ui-tabs-nav li.ui-tabs-active");
    const mainSwitch = document.getElementById("modeltranslation-main-switch");
    if (active && mainSwitch) mainSwitch.value = String($(active).index());

    const meta = document.querySelector("meta[name=footcare-untranslated]");
    const missingTitle = meta ? meta.content : "not written yet";
    document.querySelectorAll(".ui-tabs-nav li").forEach(function (tab) {
      const link = tab.querySelector("a");
      if (!link) return;
      tab.dataset.languageTitle = link.title;
      tab.dataset.missingTitle = link.title + " — " + missingTitle;
      mark(tab);
      const panel = document.getElementById(link.getAttribute("href").slice(1));
      if (panel) panel.addEventListener("input", function () { mark(tab); });
    });
  });
})(django.jQuery);
