"""DCAT-AP 3 export of the Sơn La portal: an RDF profile for ckanext-dcat (``sonla_dcat_ap_3``)."""
