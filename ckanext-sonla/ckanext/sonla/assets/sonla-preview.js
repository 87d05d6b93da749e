// The table preview (datatables_view) builds two things without a name for assistive technology
// (axe-core rules "label" and "frame-title"): the per-column filter boxes, and an empty iframe it
// uses to notice resizes; and KeyTable's focus input (keyboard moves between cells from there).
// Name the boxes after their column and the focus input after the table; hide the decorative iframe.
(function () {
  'use strict'
  var prefix = (document.querySelector('meta[name="sonla-filter-label"]') || {}).content || 'Filter'
  var table = (document.querySelector('meta[name="sonla-table-label"]') || {}).content || 'Table'

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
    document.querySelectorAll('iframe:not([title])').forEach(function (frame) {
      frame.setAttribute('title', '')
      frame.setAttribute('aria-hidden', 'true')
      frame.setAttribute('tabindex', '-1')
    })
  }

  new MutationObserver(name).observe(document.documentElement, { childList: true, subtree: true })
  name()
})()
