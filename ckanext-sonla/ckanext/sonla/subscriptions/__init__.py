"""E-mail subscriptions without an account: new data of a dataset, an agency or a theme (issue #22 part 3)."""
