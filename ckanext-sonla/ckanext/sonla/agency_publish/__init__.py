"""Publishing in the portal: the agency page "Dữ liệu của cơ quan" (issue 18).

An organization's editor downloads a dataset's Excel template, uploads a file, reads the same
validation report as ``sonla-publish validate`` and publishes through ``sonla_dataset_publish``.
The publisher's library does the reading, cleaning, validation and report; the dataset's spec
comes from the portal's own copy (:mod:`.spec_store`), saved by ``sonla-publish`` when it publishes.
"""
