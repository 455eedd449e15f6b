// Draws every plotly figure of the page from its embedded JSON (plotly.js is loaded before).
(function () {
  'use strict';
  var divs = document.querySelectorAll('.plotly-figure[data-figure]');
  for (var i = 0; i < divs.length; i++) {
    var div = divs[i];
    try {
      var fig = JSON.parse(document.getElementById(div.getAttribute('data-figure')).textContent);
      window.Plotly.newPlot(div, fig.data || [], fig.layout || {}, Object.assign({ responsive: true, displaylogo: false }, fig.config || {}));
    } catch (e) {
      div.textContent = 'This figure could not be drawn: ' + e.message;
      console.error(e);
    }
  }
})();
