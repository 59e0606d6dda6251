/* Live order tracking: keeps an order's status panel, and the dashboard's new-orders panel, up to date
   over a WebSocket (src/ptashka/realtime). Without WebSockets the page simply stays as it was served. */
(function () {
    "use strict";

    if (!("WebSocket" in window) || !document.querySelector) {
        return;
    }

    // The server closes with this code when the viewer may not watch: reconnecting would not help.
    var REFUSED = 4403;
    var FIRST_DELAY_MS = 1000;
    var MAX_DELAY_MS = 30000;

    function socketUrl(path) {
        var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
        return scheme + window.location.host + path;
    }

    // Opens the socket and opens it again after a drop, waiting longer each time (with jitter, so
    // that a restarted server is not hit by every page at once).
    function keepConnected(path, indicator, onMessage, onOpen) {
        var delay = FIRST_DELAY_MS;

        function open() {
            var socket;
            try {
                socket = new WebSocket(socketUrl(path));
            } catch (error) {
                return;
            }
            socket.onopen = function () {
                if (indicator) {
                    indicator.hidden = false;
                }
                if (onOpen) {
                    onOpen();
                }
            };
            socket.onmessage = function (event) {
                var message;
                try {
                    message = JSON.parse(event.data);
                } catch (error) {
                    return;
                }
                delay = FIRST_DELAY_MS;
                onMessage(message);
            };
            socket.onclose = function (event) {
                if (indicator) {
                    indicator.hidden = true;
                }
                if (event.code === REFUSED) {
                    return;
                }
                var wait = delay + Math.random() * FIRST_DELAY_MS;
                delay = Math.min(delay * 2, MAX_DELAY_MS);
                window.setTimeout(open, wait);
            };
        }

        open();
    }

    function element(tag, className, text) {
        var node = document.createElement(tag);
        if (className) {
            node.className = className;
        }
        if (text !== undefined) {
            node.textContent = text;
        }
        return node;
    }

    // The server's DATETIME_FORMAT (ptashka/formats/): day, short month, year, 24-hour time, in the
    // shop's time zone (the panel's data-time-zone), not the browser's.
    function readableTime(iso, timeZone) {
        var date = new Date(iso);
        if (isNaN(date.getTime())) {
            return iso;
        }
        var options = {
            day: "numeric", month: "short", year: "numeric",
            hour: "2-digit", minute: "2-digit", hourCycle: "h23"
        };
        if (timeZone) {
            options.timeZone = timeZone;
        }
        try {
            return new Intl.DateTimeFormat(document.documentElement.lang || undefined, options).format(date);
        } catch (unknownZone) {
            delete options.timeZone;
            return new Intl.DateTimeFormat(document.documentElement.lang || undefined, options).format(date);
        }
    }

    // --- the shopper's order page and thank-you page ----------------------------------------

    function renderOrder(panel, order) {
        panel.querySelector("[data-order-status]").textContent = order.status;
        panel.setAttribute("data-status", order.status);

        var tracking = panel.querySelector("[data-order-tracking]");
        var reference = order.tracking && order.tracking.reference;
        tracking.hidden = !reference;
        tracking.querySelector("[data-order-tracking-reference]").textContent = reference || "";

        var history = panel.querySelector("[data-order-history]");
        while (history.firstChild) {
            history.removeChild(history.firstChild);
        }
        (order.history || []).forEach(function (step) {
            var item = element("li");
            item.appendChild(element("span", "", step.to));
            item.appendChild(document.createTextNode(" "));
            var time = element("time", "", readableTime(step.at, panel.getAttribute("data-time-zone")));
            time.setAttribute("datetime", step.at);
            item.appendChild(time);
            history.appendChild(item);
        });

        var refunds = panel.querySelector("[data-order-refunds]");
        var refundList = panel.querySelector("[data-order-refund-list]");
        if (refunds && refundList) {
            while (refundList.firstChild) {
                refundList.removeChild(refundList.firstChild);
            }
            (order.refunds || []).forEach(function (refund) {
                var item = element("li");
                item.appendChild(element("span", "", money(refund.amount, order.currency)));
                item.appendChild(document.createTextNode(" "));
                var time = element("time", "", readableTime(refund.at, panel.getAttribute("data-time-zone")));
                time.setAttribute("datetime", refund.at);
                item.appendChild(time);
                refundList.appendChild(item);
            });
            refunds.hidden = !(order.refunds && order.refunds.length);
        }
    }

    function money(amount, currency) {
        try {
            return new Intl.NumberFormat(document.documentElement.lang || undefined, {
                style: "currency",
                currency: currency
            }).format(Number(amount));
        } catch (error) {
            return amount + " " + (currency || "");
        }
    }

    function trackOrder(panel) {
        keepConnected(
            panel.getAttribute("data-live-order"),
            panel.querySelector("[data-live-indicator]"),
            function (message) {
                if (message.order) {
                    renderOrder(panel, message.order);
                }
            }
        );
    }

    // --- the dashboard's new-orders panel ----------------------------------------------------

    function addNewOrder(panel, order) {
        var list = panel.querySelector("[data-new-orders-list]");
        var empty = list.querySelector("[data-new-orders-empty]");
        if (empty) {
            list.removeChild(empty);
        }
        var item = element("li", "list-group-item ptashka-new-orders__item--fresh");
        item.setAttribute("data-order-number", order.number);
        var link = element("a", "", "#" + order.number);
        link.href = order.url;
        item.appendChild(link);
        item.appendChild(document.createTextNode(
            " · " + order.total + " " + order.currency + " · " + (order.email || "") + " · " +
                readableTime(order.placed_at, panel.getAttribute("data-time-zone"))
        ));
        list.insertBefore(item, list.firstChild);
    }

    function watchNewOrders(panel) {
        keepConnected(
            panel.getAttribute("data-new-orders"),
            panel.querySelector("[data-live-indicator]"),
            function (message) {
                if (message.type === "order.placed" && message.order) {
                    addNewOrder(panel, message.order);
                }
            },
            function () {
                panel.hidden = false;
            }
        );
    }

    function start() {
        Array.prototype.forEach.call(document.querySelectorAll("[data-live-order]"), trackOrder);
        Array.prototype.forEach.call(document.querySelectorAll("[data-new-orders]"), watchNewOrders);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
