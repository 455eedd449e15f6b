// Draws every plotly figure of the page from its embedded JSON (plotly.js is loaded before).
(function () {
  'use strict';
  var divs = document.querySelectorAll('.plotly-figure[data-figure]');
  for (var i = 0; i < divs.length; i++) {
    var div = divs[i];
    try {
      // The figure's JSON is the div's next sibling (not looked up by id: an id written in a
      // markdown cell earlier in the page must not stand in for it).
      var json = div.nextElementSibling;
      if (!json || json.getAttribute('type') !== 'application/json' || json.id !== div.getAttribute('data-figure')) {
        throw new Error('figure data missing');
      }
      var fig = JSON.parse(json.textContent);
      window.Plotly.newPlot(div, fig.data || [], fig.layout || {}, Object.assign({ responsive: true, displaylogo: false }, fig.config || {}));
    } catch (e) {
      div.textContent = 'This figure could not be drawn: ' + e.message;
      console.error(e);
    }
  }
})();
