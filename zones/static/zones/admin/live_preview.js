/* The zone's change form: redraws the zone on the foot maps above its shapes as the editor
   types their corners, adds a shape or picks its view, before anything is saved.

   The maps come from the server (zones/admin/__init__.py, zone_map_preview), one per view and foot,
   each with one path marked data-editing: the zone being edited, which this script redraws.
   The server still checks the shapes when the form is saved; this only shows them. Input
   that is half typed never throws: the map keeps the last good drawing and a short hint
   under the field says what is missing. */
"use strict";
(function () {
  const FORMSET = "shapes"; // ZoneShape's related name, the inline formset's prefix

  /* The polygons field as the server's JSON field reads it: a list of polygons, each a list
     of at least three [x, y] corners from 0 to 1. Gives {polygons} or {problem}. */
  function parsePolygons(text) {
    if (text.trim() === "") return { polygons: [] };
    let value;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { problem: "unfinished" };
    }
    if (value === null) return { polygons: [] }; // how the field shows a new, empty shape
    if (!Array.isArray(value) || value.length === 0 || !value.every(isPolygon)) {
      return { problem: "shape" };
    }
    return { polygons: value };
  }

  function isPolygon(polygon) {
    return Array.isArray(polygon) && polygon.length >= 3 && polygon.every(isCorner);
  }

  function isCorner(corner) {
    return (
      Array.isArray(corner) &&
      corner.length === 2 &&
      corner.every(function (n) {
        return typeof n === "number" && n >= 0 && n <= 1;
      })
    );
  }

  /* Corners in the map's units, as zones/svg.py's _path writes them; the left foot is the
     right one's mirror image. */
  function placed(polygons, figure, path) {
    const width = Number(path.dataset.width);
    const height = Number(path.dataset.height);
    const mirrored = figure.dataset.foot === "left";
    return polygons.map(function (polygon) {
      return polygon.map(function (corner) {
        return [(mirrored ? 1 - corner[0] : corner[0]) * width, corner[1] * height];
      });
    });
  }

  function pathData(polygons) {
    return polygons
      .map(function (polygon) {
        const corners = polygon.map(function (corner) {
          return corner[0].toFixed(1) + " " + corner[1].toFixed(1);
        });
        return "M " + corners.join(" L ") + " Z";
      })
      .join(" ");
  }

  /* The zone's number sits at the mean corner of its largest polygon, as on the server. */
  function moveNumber(path, polygons) {
    const number = path.nextElementSibling;
    if (!number || !number.classList.contains("zone-number")) return;
    if (polygons.length === 0) {
      number.setAttribute("visibility", "hidden");
      return;
    }
    const largest = polygons.reduce(function (a, b) {
      return b.length > a.length ? b : a;
    });
    const sum = largest.reduce(function (total, corner) {
      return [total[0] + corner[0], total[1] + corner[1]];
    }, [0, 0]);
    number.setAttribute("x", (sum[0] / largest.length).toFixed(1));
    number.setAttribute("y", (sum[1] / largest.length).toFixed(1));
    number.removeAttribute("visibility");
  }

  function draw(figure, polygons) {
    const path = figure.querySelector("path[data-editing]");
    if (!path) return;
    const corners = placed(polygons, figure, path);
    path.setAttribute("d", pathData(corners));
    moveNumber(path, corners);
  }

  function shapeRows(group) {
    return Array.from(group.querySelectorAll("tr.form-row:not(.empty-form)")).filter(
      function (row) {
        return row.querySelector("textarea[name$='-polygons']") !== null;
      }
    );
  }

  function readRow(row) {
    const view = row.querySelector("select[name$='-view']");
    const remove = row.querySelector("input[name$='-DELETE']");
    return {
      row: row,
      view: view ? view.value : "",
      field: row.querySelector("textarea[name$='-polygons']"),
      deleted: Boolean(remove && remove.checked),
    };
  }

  /* A short line under the polygons field; empty text takes it away. */
  function setHint(field, text) {
    let hint = field.parentNode.querySelector(".live-preview-hint");
    if (!hint) {
      hint = document.createElement("p");
      hint.className = "live-preview-hint help";
      hint.setAttribute("role", "status");
      field.insertAdjacentElement("afterend", hint);
    }
    hint.textContent = text;
    hint.hidden = text === "";
  }

  function chosenFeet() {
    const foot = document.getElementById("id_foot");
    if (!foot || foot.value === "both" || foot.value === "") return ["right", "left"];
    return [foot.value];
  }

  function start(preview, group) {
    const figures = Array.from(preview.querySelectorAll("figure.zone-map"));
    const hints = {
      unfinished: preview.dataset.hintUnfinished,
      shape: preview.dataset.hintShape,
      noView: preview.dataset.hintNoView,
      viewTaken: preview.dataset.hintViewTaken,
    };
    const lastGood = new WeakMap(); // row -> the polygons last drawn for it

    /* Which row draws on which view; each row's hint says why it draws nothing. */
    function rowsByView() {
      const byView = new Map();
      shapeRows(group)
        .map(readRow)
        .filter(function (shape) {
          return !shape.deleted;
        })
        .forEach(function (shape) {
          const parsed = parsePolygons(shape.field.value);
          if (parsed.polygons) lastGood.set(shape.row, parsed.polygons);
          if (!shape.view) {
            setHint(shape.field, hints.noView);
          } else if (byView.has(shape.view)) {
            setHint(shape.field, hints.viewTaken);
          } else {
            setHint(shape.field, parsed.problem ? hints[parsed.problem] : "");
            byView.set(shape.view, shape.row);
          }
        });
      return byView;
    }

    function refresh() {
      const byView = rowsByView();
      // With no shape on any view yet, the first view stays up, ready to draw on.
      const views = byView.size ? Array.from(byView.keys()) : [figures[0].dataset.view];
      const feet = chosenFeet();
      figures.forEach(function (figure) {
        const row = byView.get(figure.dataset.view);
        figure.hidden = !(views.includes(figure.dataset.view) && feet.includes(figure.dataset.foot));
        if (!row) {
          draw(figure, []);
        } else if (lastGood.has(row)) {
          draw(figure, lastGood.get(row));
        } // else: never valid since the page loaded; the server's drawing stays
      });
    }

    /* A new shape starts on the first view no other shape uses, so that its corners appear
       on a map as soon as they are typed; the editor can pick another. */
    function chooseFreeView(row) {
      const select = row.querySelector("select[name$='-view']");
      if (!select || select.value) return;
      const used = shapeRows(group)
        .map(readRow)
        .map(function (shape) {
          return shape.view;
        });
      const drawn = figures.map(function (figure) {
        return figure.dataset.view;
      });
      const free = drawn.find(function (view) {
        return !used.includes(view);
      });
      if (free) select.value = free;
    }

    group.addEventListener("input", refresh);
    group.addEventListener("change", refresh);
    const foot = document.getElementById("id_foot");
    if (foot) foot.addEventListener("change", refresh);
    document.addEventListener("formset:added", function (event) {
      if (event.detail && event.detail.formsetName === FORMSET) {
        chooseFreeView(event.target);
        refresh();
      }
    });
    document.addEventListener("formset:removed", function (event) {
      if (event.detail && event.detail.formsetName === FORMSET) refresh();
    });
    refresh();
  }

  function init() {
    const preview = document.querySelector(".zone-map-preview");
    const group = document.getElementById(FORMSET + "-group");
    // Someone who may only view the zone gets no fields (not even the template of a new
    // shape): the server's maps of the saved shapes are right as they are.
    const editable = group && group.querySelector("textarea[name$='-polygons']");
    if (preview && editable && preview.querySelector("figure.zone-map")) start(preview, group);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
