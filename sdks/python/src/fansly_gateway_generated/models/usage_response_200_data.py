from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.usage_response_200_data_credits import UsageResponse200DataCredits
    from ..models.usage_response_200_data_period import UsageResponse200DataPeriod
    from ..models.usage_response_200_data_plan import UsageResponse200DataPlan
    from ..models.usage_response_200_data_rate_limit import (
        UsageResponse200DataRateLimit,
    )


T = TypeVar("T", bound="UsageResponse200Data")


@_attrs_define
class UsageResponse200Data:
    """
    Attributes:
        credits_ (UsageResponse200DataCredits | Unset):
        period (UsageResponse200DataPeriod | Unset):
        plan (UsageResponse200DataPlan | Unset):
        rate_limit (UsageResponse200DataRateLimit | Unset):
        requests (int | Unset):
        webhook_events (int | Unset):
    """

    credits_: UsageResponse200DataCredits | Unset = UNSET
    period: UsageResponse200DataPeriod | Unset = UNSET
    plan: UsageResponse200DataPlan | Unset = UNSET
    rate_limit: UsageResponse200DataRateLimit | Unset = UNSET
    requests: int | Unset = UNSET
    webhook_events: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        credits_: dict[str, Any] | Unset = UNSET
        if not isinstance(self.credits_, Unset):
            credits_ = self.credits_.to_dict()

        period: dict[str, Any] | Unset = UNSET
        if not isinstance(self.period, Unset):
            period = self.period.to_dict()

        plan: dict[str, Any] | Unset = UNSET
        if not isinstance(self.plan, Unset):
            plan = self.plan.to_dict()

        rate_limit: dict[str, Any] | Unset = UNSET
        if not isinstance(self.rate_limit, Unset):
            rate_limit = self.rate_limit.to_dict()

        requests = self.requests

        webhook_events = self.webhook_events

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if credits_ is not UNSET:
            field_dict["credits"] = credits_
        if period is not UNSET:
            field_dict["period"] = period
        if plan is not UNSET:
            field_dict["plan"] = plan
        if rate_limit is not UNSET:
            field_dict["rateLimit"] = rate_limit
        if requests is not UNSET:
            field_dict["requests"] = requests
        if webhook_events is not UNSET:
            field_dict["webhookEvents"] = webhook_events

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.usage_response_200_data_credits import UsageResponse200DataCredits
        from ..models.usage_response_200_data_period import UsageResponse200DataPeriod
        from ..models.usage_response_200_data_plan import UsageResponse200DataPlan
        from ..models.usage_response_200_data_rate_limit import (
            UsageResponse200DataRateLimit,
        )

        d = dict(src_dict)
        _credits_ = d.pop("credits", UNSET)
        credits_: UsageResponse200DataCredits | Unset
        if isinstance(_credits_, Unset):
            credits_ = UNSET
        else:
            credits_ = UsageResponse200DataCredits.from_dict(_credits_)

        _period = d.pop("period", UNSET)
        period: UsageResponse200DataPeriod | Unset
        if isinstance(_period, Unset):
            period = UNSET
        else:
            period = UsageResponse200DataPeriod.from_dict(_period)

        _plan = d.pop("plan", UNSET)
        plan: UsageResponse200DataPlan | Unset
        if isinstance(_plan, Unset):
            plan = UNSET
        else:
            plan = UsageResponse200DataPlan.from_dict(_plan)

        _rate_limit = d.pop("rateLimit", UNSET)
        rate_limit: UsageResponse200DataRateLimit | Unset
        if isinstance(_rate_limit, Unset):
            rate_limit = UNSET
        else:
            rate_limit = UsageResponse200DataRateLimit.from_dict(_rate_limit)

        requests = d.pop("requests", UNSET)

        webhook_events = d.pop("webhookEvents", UNSET)

        usage_response_200_data = cls(
            credits_=credits_,
            period=period,
            plan=plan,
            rate_limit=rate_limit,
            requests=requests,
            webhook_events=webhook_events,
        )

        usage_response_200_data.additional_properties = d
        return usage_response_200_data

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
