import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.earnings_statistics_response_200 import EarningsStatisticsResponse200
from ...models.error_envelope import ErrorEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    account_id: str,
    *,
    start_date: datetime.date | datetime.datetime | int | Unset = UNSET,
    end_date: datetime.date | datetime.datetime | int | Unset = UNSET,
    fresh: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_start_date: int | str | Unset
    if isinstance(start_date, Unset):
        json_start_date = UNSET
    elif isinstance(start_date, datetime.datetime) or isinstance(
        start_date, datetime.date
    ):
        json_start_date = start_date.isoformat()
    else:
        json_start_date = start_date
    params["startDate"] = json_start_date

    json_end_date: int | str | Unset
    if isinstance(end_date, Unset):
        json_end_date = UNSET
    elif isinstance(end_date, datetime.datetime) or isinstance(end_date, datetime.date):
        json_end_date = end_date.isoformat()
    else:
        json_end_date = end_date
    params["endDate"] = json_end_date

    params["fresh"] = fresh

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/fansly/{account_id}/earnings/statistics".format(
            account_id=quote(str(account_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EarningsStatisticsResponse200 | ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = EarningsStatisticsResponse200.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 402:
        response_402 = ErrorEnvelope.from_dict(response.json())

        return response_402

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorEnvelope.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = ErrorEnvelope.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorEnvelope.from_dict(response.json())

        return response_500

    if response.status_code == 502:
        response_502 = ErrorEnvelope.from_dict(response.json())

        return response_502

    if response.status_code == 504:
        response_504 = ErrorEnvelope.from_dict(response.json())

        return response_504

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[EarningsStatisticsResponse200 | ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    start_date: datetime.date | datetime.datetime | int | Unset = UNSET,
    end_date: datetime.date | datetime.datetime | int | Unset = UNSET,
    fresh: bool | Unset = UNSET,
) -> Response[EarningsStatisticsResponse200 | ErrorEnvelope]:
    """Earnings in dollars (alias)

    Args:
        account_id (str):
        start_date (datetime.date | datetime.datetime | int | Unset):
        end_date (datetime.date | datetime.datetime | int | Unset):
        fresh (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EarningsStatisticsResponse200 | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        start_date=start_date,
        end_date=end_date,
        fresh=fresh,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    start_date: datetime.date | datetime.datetime | int | Unset = UNSET,
    end_date: datetime.date | datetime.datetime | int | Unset = UNSET,
    fresh: bool | Unset = UNSET,
) -> EarningsStatisticsResponse200 | ErrorEnvelope | None:
    """Earnings in dollars (alias)

    Args:
        account_id (str):
        start_date (datetime.date | datetime.datetime | int | Unset):
        end_date (datetime.date | datetime.datetime | int | Unset):
        fresh (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EarningsStatisticsResponse200 | ErrorEnvelope
    """

    return sync_detailed(
        account_id=account_id,
        client=client,
        start_date=start_date,
        end_date=end_date,
        fresh=fresh,
    ).parsed


async def asyncio_detailed(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    start_date: datetime.date | datetime.datetime | int | Unset = UNSET,
    end_date: datetime.date | datetime.datetime | int | Unset = UNSET,
    fresh: bool | Unset = UNSET,
) -> Response[EarningsStatisticsResponse200 | ErrorEnvelope]:
    """Earnings in dollars (alias)

    Args:
        account_id (str):
        start_date (datetime.date | datetime.datetime | int | Unset):
        end_date (datetime.date | datetime.datetime | int | Unset):
        fresh (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EarningsStatisticsResponse200 | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        start_date=start_date,
        end_date=end_date,
        fresh=fresh,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    start_date: datetime.date | datetime.datetime | int | Unset = UNSET,
    end_date: datetime.date | datetime.datetime | int | Unset = UNSET,
    fresh: bool | Unset = UNSET,
) -> EarningsStatisticsResponse200 | ErrorEnvelope | None:
    """Earnings in dollars (alias)

    Args:
        account_id (str):
        start_date (datetime.date | datetime.datetime | int | Unset):
        end_date (datetime.date | datetime.datetime | int | Unset):
        fresh (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EarningsStatisticsResponse200 | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            account_id=account_id,
            client=client,
            start_date=start_date,
            end_date=end_date,
            fresh=fresh,
        )
    ).parsed
