// An e-mailed link's page (templates/sonla/public_forms/link_action.html): a person's browser sends
// the form at once, so the link stays one click; a mail scanner that only fetches the page sends nothing.
document.querySelectorAll("form[data-sonla-auto-submit]").forEach(function (form) {
  form.submit();
});
