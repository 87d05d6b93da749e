"""What every form the public may send shares: data requests, problem reports, e-mail subscriptions
and showcases. ``antispam``: the hidden field, the minimum time on the form, the hourly limits and
the signed links; ``web``: the CSRF check and the form errors of their pages."""
