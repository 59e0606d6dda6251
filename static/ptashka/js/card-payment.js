/* The card payment page (/checkout/pay/): Stripe.js's card field, a token sent to the shop, and 3-D
   Secure when the bank asks for it. The card number goes from Stripe.js to Stripe, never to the shop. */
(function () {
    "use strict";
    const form = document.getElementById("card-form");
    if (!form || typeof Stripe === "undefined") { return; }
    const errors = document.getElementById("card-errors");
    const button = document.getElementById("pay-button");
    const stripe = Stripe(form.dataset.publishableKey);
    const card = stripe.elements().create("card");
    card.mount("#card-element");

    function fail(message) {
        errors.textContent = message;
        errors.classList.remove("d-none");
        button.disabled = false;
    }

    form.addEventListener("submit", async function (event) {
        event.preventDefault();
        button.disabled = true;
        errors.classList.add("d-none");
        const created = await stripe.createToken(card);
        if (created.error) { return fail(created.error.message); }
        const body = new FormData(form);
        body.append("token", created.token.id);
        const response = await fetch(form.action, {method: "POST", body: body, credentials: "same-origin"});
        const answer = await response.json();
        if (answer.error) { return fail(answer.error); }
        if (answer.requires_action) {
            const confirmed = await stripe.confirmCardPayment(answer.client_secret);
            if (confirmed.error) { return fail(confirmed.error.message); }
        }
        window.location.assign(answer.next);
    });
})();
