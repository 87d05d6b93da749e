// The table preview (datatables_view) builds two things without a name for assistive technology
// (axe-core rules "label" and "frame-title"): the per-column filter boxes, and an empty iframe it
// uses to notice resizes; and KeyTable's focus input (keyboard moves between cells from there).
// Name the boxes after their column and the focus input after the table; hide the decorative iframe.
(function () {
  'use strict'
  var prefix = (document.querySelector('meta[name="sonla-filter-label"]') || {}).content || 'Filter'
  var table = (document.querySelector('meta[name="sonla-table-label"]') || {}).content || 'Table'
  var rowNumber = (document.querySelector('meta[name="sonla-row-number-label"]') || {}).content || 'No.'

  function columnName (input) {
    var cell = input.closest('th, td')
    var row = cell && cell.parentElement
    var header = row && row.previousElementSibling && row.previousElementSibling.cells[cell.cellIndex]
    return header ? header.textContent.replace(/\s+/g, ' ').trim() : ''
  }

  function name () {
    document.querySelectorAll('input.fhead:not([aria-label])').forEach(function (input) {
      input.setAttribute('aria-label', (prefix + ': ' + columnName(input)).trim())
    })
    document.querySelectorAll('input[type="text"]:not([id]):not([aria-label])').forEach(function (input) {
      input.setAttribute('aria-label', table)
    })
    // The footer's "Sort : _id" names the DataStore's row id: the column is headed as a row number.
    document.querySelectorAll('div.sortinfo').forEach(function (info) {
      info.childNodes.forEach(function (node) {
        if (node.nodeType === 3 && /(^|\s)_id(\s|$)/.test(node.nodeValue)) {
          node.nodeValue = node.nodeValue.replace(/(^|\s)_id(?=\s|$)/, '$1' + rowNumber)
        }
      })
    })
    document.querySelectorAll('iframe:not([title])').forEach(function (frame) {
      frame.setAttribute('title', '')
      frame.setAttribute('aria-hidden', 'true')
      frame.setAttribute('tabindex', '-1')
    })
  }

  new MutationObserver(name).observe(document.documentElement, { childList: true, subtree: true })
  name()
})()
