from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.list_subscribers_response_200 import ListSubscribersResponse200
from ...types import UNSET, Response, Unset


def _get_kwargs(
    account_id: str,
    *,
    status: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 100,
    subscription_tier_ids: str | Unset = UNSET,
    search: str | Unset = UNSET,
    fresh: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["status"] = status

    params["cursor"] = cursor

    params["limit"] = limit

    params["subscriptionTierIds"] = subscription_tier_ids

    params["search"] = search

    params["fresh"] = fresh

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/fansly/{account_id}/subscribers".format(
            account_id=quote(str(account_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | ListSubscribersResponse200 | None:
    if response.status_code == 200:
        response_200 = ListSubscribersResponse200.from_dict(response.json())

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
) -> Response[ErrorEnvelope | ListSubscribersResponse200]:
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
    status: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 100,
    subscription_tier_ids: str | Unset = UNSET,
    search: str | Unset = UNSET,
    fresh: bool | Unset = UNSET,
) -> Response[ErrorEnvelope | ListSubscribersResponse200]:
    """List subscribers

    Args:
        account_id (str):
        status (str | Unset):
        cursor (str | Unset):
        limit (int | Unset):  Default: 100.
        subscription_tier_ids (str | Unset):
        search (str | Unset):
        fresh (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ListSubscribersResponse200]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        status=status,
        cursor=cursor,
        limit=limit,
        subscription_tier_ids=subscription_tier_ids,
        search=search,
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
    status: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 100,
    subscription_tier_ids: str | Unset = UNSET,
    search: str | Unset = UNSET,
    fresh: bool | Unset = UNSET,
) -> ErrorEnvelope | ListSubscribersResponse200 | None:
    """List subscribers

    Args:
        account_id (str):
        status (str | Unset):
        cursor (str | Unset):
        limit (int | Unset):  Default: 100.
        subscription_tier_ids (str | Unset):
        search (str | Unset):
        fresh (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ListSubscribersResponse200
    """

    return sync_detailed(
        account_id=account_id,
        client=client,
        status=status,
        cursor=cursor,
        limit=limit,
        subscription_tier_ids=subscription_tier_ids,
        search=search,
        fresh=fresh,
    ).parsed


async def asyncio_detailed(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    status: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 100,
    subscription_tier_ids: str | Unset = UNSET,
    search: str | Unset = UNSET,
    fresh: bool | Unset = UNSET,
) -> Response[ErrorEnvelope | ListSubscribersResponse200]:
    """List subscribers

    Args:
        account_id (str):
        status (str | Unset):
        cursor (str | Unset):
        limit (int | Unset):  Default: 100.
        subscription_tier_ids (str | Unset):
        search (str | Unset):
        fresh (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ListSubscribersResponse200]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        status=status,
        cursor=cursor,
        limit=limit,
        subscription_tier_ids=subscription_tier_ids,
        search=search,
        fresh=fresh,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    status: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 100,
    subscription_tier_ids: str | Unset = UNSET,
    search: str | Unset = UNSET,
    fresh: bool | Unset = UNSET,
) -> ErrorEnvelope | ListSubscribersResponse200 | None:
    """List subscribers

    Args:
        account_id (str):
        status (str | Unset):
        cursor (str | Unset):
        limit (int | Unset):  Default: 100.
        subscription_tier_ids (str | Unset):
        search (str | Unset):
        fresh (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ListSubscribersResponse200
    """

    return (
        await asyncio_detailed(
            account_id=account_id,
            client=client,
            status=status,
            cursor=cursor,
            limit=limit,
            subscription_tier_ids=subscription_tier_ids,
            search=search,
            fresh=fresh,
        )
    ).parsed
