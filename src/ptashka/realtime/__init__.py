"""Live order tracking: WebSocket consumers and the publishing of order changes to them."""
