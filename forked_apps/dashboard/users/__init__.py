"""The dashboard's customers app, forked so that changing a customer needs auth.change_user."""
