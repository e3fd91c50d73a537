-- The source tables the retail configs assume (see README.md). The quickstart and the packaging test create
-- them from this file; a real shop has them already.
CREATE TABLE public.users (
    user_id      bigint PRIMARY KEY,
    email        text NOT NULL,
    segment      text,
    country      char(2),
    signed_up_at timestamptz NOT NULL
);
CREATE TABLE public.orders (
    order_id    bigint PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES public.users,
    order_ts    timestamptz NOT NULL,
    status      text NOT NULL,
    amount      numeric(12,2) NOT NULL,
    currency    char(3) NOT NULL
);
-- Click logs kept before the live pipeline existed (or exported from another tool): replayed through the same
-- transforms by clicks-backfill-source.json and clicks-backfill-sink.json. seq is the order the clicks arrived in.
CREATE TABLE public.click_history (
    seq        bigint PRIMARY KEY,
    event_id   text NOT NULL,
    event_time timestamptz NOT NULL,
    event_type text NOT NULL,
    visitor_id text NOT NULL,
    user_id    bigint,
    email      text,
    url        text NOT NULL,
    referrer   text,
    user_agent text,
    ip         text
);
