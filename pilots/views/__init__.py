"""Views of the pilots app, one module per subject: pilots, standards, activities, public pages."""
