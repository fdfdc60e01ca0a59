import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.request_log_method import RequestLogMethod
from ...models.request_log_response_200 import RequestLogResponse200
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    account_id: str | Unset = UNSET,
    status: str | Unset = UNSET,
    method: RequestLogMethod | Unset = UNSET,
    route: str | Unset = UNSET,
    since: datetime.datetime | int | Unset = UNSET,
    until: datetime.datetime | int | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["accountId"] = account_id

    params["status"] = status

    json_method: str | Unset = UNSET
    if not isinstance(method, Unset):
        json_method = method.value

    params["method"] = json_method

    params["route"] = route

    json_since: int | str | Unset
    if isinstance(since, Unset):
        json_since = UNSET
    elif isinstance(since, datetime.datetime):
        json_since = since.isoformat()
    else:
        json_since = since
    params["since"] = json_since

    json_until: int | str | Unset
    if isinstance(until, Unset):
        json_until = UNSET
    elif isinstance(until, datetime.datetime):
        json_until = until.isoformat()
    else:
        json_until = until
    params["until"] = json_until

    params["limit"] = limit

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/fansly/logs",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | RequestLogResponse200 | None:
    if response.status_code == 200:
        response_200 = RequestLogResponse200.from_dict(response.json())

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

    if response.status_code == 429:
        response_429 = ErrorEnvelope.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorEnvelope.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorEnvelope | RequestLogResponse200]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    account_id: str | Unset = UNSET,
    status: str | Unset = UNSET,
    method: RequestLogMethod | Unset = UNSET,
    route: str | Unset = UNSET,
    since: datetime.datetime | int | Unset = UNSET,
    until: datetime.datetime | int | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Response[ErrorEnvelope | RequestLogResponse200]:
    """The key's request log

     Newest first; only this key's requests.

    Args:
        account_id (str | Unset):
        status (str | Unset):
        method (RequestLogMethod | Unset):
        route (str | Unset):
        since (datetime.datetime | int | Unset):
        until (datetime.datetime | int | Unset):
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | RequestLogResponse200]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        status=status,
        method=method,
        route=route,
        since=since,
        until=until,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    account_id: str | Unset = UNSET,
    status: str | Unset = UNSET,
    method: RequestLogMethod | Unset = UNSET,
    route: str | Unset = UNSET,
    since: datetime.datetime | int | Unset = UNSET,
    until: datetime.datetime | int | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> ErrorEnvelope | RequestLogResponse200 | None:
    """The key's request log

     Newest first; only this key's requests.

    Args:
        account_id (str | Unset):
        status (str | Unset):
        method (RequestLogMethod | Unset):
        route (str | Unset):
        since (datetime.datetime | int | Unset):
        until (datetime.datetime | int | Unset):
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | RequestLogResponse200
    """

    return sync_detailed(
        client=client,
        account_id=account_id,
        status=status,
        method=method,
        route=route,
        since=since,
        until=until,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    account_id: str | Unset = UNSET,
    status: str | Unset = UNSET,
    method: RequestLogMethod | Unset = UNSET,
    route: str | Unset = UNSET,
    since: datetime.datetime | int | Unset = UNSET,
    until: datetime.datetime | int | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Response[ErrorEnvelope | RequestLogResponse200]:
    """The key's request log

     Newest first; only this key's requests.

    Args:
        account_id (str | Unset):
        status (str | Unset):
        method (RequestLogMethod | Unset):
        route (str | Unset):
        since (datetime.datetime | int | Unset):
        until (datetime.datetime | int | Unset):
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | RequestLogResponse200]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        status=status,
        method=method,
        route=route,
        since=since,
        until=until,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    account_id: str | Unset = UNSET,
    status: str | Unset = UNSET,
    method: RequestLogMethod | Unset = UNSET,
    route: str | Unset = UNSET,
    since: datetime.datetime | int | Unset = UNSET,
    until: datetime.datetime | int | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> ErrorEnvelope | RequestLogResponse200 | None:
    """The key's request log

     Newest first; only this key's requests.

    Args:
        account_id (str | Unset):
        status (str | Unset):
        method (RequestLogMethod | Unset):
        route (str | Unset):
        since (datetime.datetime | int | Unset):
        until (datetime.datetime | int | Unset):
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | RequestLogResponse200
    """

    return (
        await asyncio_detailed(
            client=client,
            account_id=account_id,
            status=status,
            method=method,
            route=route,
            since=since,
            until=until,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
