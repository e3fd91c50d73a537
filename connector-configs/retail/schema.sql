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
