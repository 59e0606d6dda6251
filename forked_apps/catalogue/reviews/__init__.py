"""Oscar's reviews app with a thank-you that says when a review waiting for moderation will show."""
