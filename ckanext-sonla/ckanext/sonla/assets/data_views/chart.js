/* The chart view: the rows the server read (bounded), drawn with Chart.js (bundled, no CDN).
 * Numbers are formatted in the page's language through Chart.js' `locale` (Intl): 29.356 and
 * 38,89 in Vietnamese. */
(function () {
  "use strict";
  var node = document.getElementById("sonla-chart-data");
  var canvas = document.getElementById("sonla-chart");
  if (!node || !canvas || !window.Chart) {
    return;
  }
  var data = JSON.parse(node.textContent);
  var colour = "#1f6f8b";
  new window.Chart(canvas, {
    type: data.chart_type === "line" ? "line" : "bar",
    data: {
      labels: data.labels,
      datasets: [{
        label: data.y_label,
        data: data.values,
        backgroundColor: colour,
        borderColor: colour
      }]
    },
    options: {
      locale: data.locale,
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { display: false } },
      scales: {
        x: { title: { display: true, text: data.x_label } },
        y: { beginAtZero: true, title: { display: true, text: data.y_label } }
      }
    }
  });
})();
